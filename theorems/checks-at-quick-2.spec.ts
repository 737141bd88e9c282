// The registry-wide spec (theorems/_lib/registry-at-quick.ts), part 2 of 2.
import { describeRegistryAtQuick } from './_lib/registry-at-quick.ts';

describeRegistryAtQuick(1, 2);
