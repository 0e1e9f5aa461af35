/** `OfficeExtension.ClientResult`: the value a method call returns, readable after `sync`. */

import { HostError, HostErrorCode } from '../errors';

export class HostClientResult<T> implements Pick<OfficeExtension.ClientResult<T>, 'value'> {
  _loaded = false;
  _value: T | undefined = undefined;

  get value(): T {
    if (!this._loaded) {
      throw new HostError(HostErrorCode.valueNotLoaded, 'The value of this result is not available yet: await context.sync() before reading it.');
    }
    return this._value as T;
  }

  _deliver(v: unknown): void {
    this._loaded = true;
    this._value = v as T;
  }

  toJSON(): unknown {
    return this._loaded ? { value: this._value } : {};
  }
}
