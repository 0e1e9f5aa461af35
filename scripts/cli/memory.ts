import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * A full garbage collection, for commands that stream a large file: V8 grows its heap rather than
 * collect while there is room, so the rows of a read that are no longer needed (and the text the
 * parser made) would stay in memory until the command ends. Called between phases, it keeps the
 * peak near what is actually in use. Without `gc` (a runtime that refuses the flag) it does nothing.
 */
let gc: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
