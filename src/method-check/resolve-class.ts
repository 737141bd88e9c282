/**
 * Which compressor class a check uses: the one asked for (--class), which the module must declare, or else the
 * first the module declares.
 */
import { ModuleShapeError } from '../check/user-module.ts';
import type { CompressorClass } from './user-method.ts';
import type { MethodShape } from './validate-method.ts';

export function resolveClass(
  method: Pick<MethodShape, 'name' | 'classes'>,
  asked: CompressorClass | null | undefined,
): CompressorClass {
  if (asked === null || asked === undefined) return method.classes[0];
  if (!method.classes.includes(asked))
    throw new ModuleShapeError(
      `${method.name}: --class ${asked} asked for, but the module declares class ${method.classes.join(', ')} only`,
    );
  return asked;
}
