/**
 * Errors of the in-memory Excel host.
 *
 * `HostError` mimics the error Office.js rejects `context.sync()` with (an `OfficeExtension.Error`,
 * whose runtime name is "RichApi.Error"): a `code` such as "ItemNotFound" or "InvalidArgument", a
 * message, and `debugInfo` with the code, the message and where the failing statement was. Code
 * that handles Office.js errors by `code` handles host errors the same way.
 *
 * `HostNotImplemented` is thrown when code touches a member of the Excel API that the host does
 * not implement. It is deliberately not a `HostError`: it means the host (or the caller) needs
 * work, never that Excel would have failed.
 */

/** The error codes the host raises. The values are Excel's / OfficeExtension's own codes. */
export const HostErrorCode = {
  generalException: 'GeneralException',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
  invalidReference: 'InvalidReference',
  itemNotFound: 'ItemNotFound',
  itemAlreadyExists: 'ItemAlreadyExists',
  propertyNotLoaded: 'PropertyNotLoaded',
  valueNotLoaded: 'ValueNotLoaded',
  invalidObjectPath: 'InvalidObjectPath',
  invalidRequestContext: 'InvalidRequestContext',
  runMustReturnPromise: 'RunMustReturnPromise',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
} as const;

export type HostErrorCodeValue = (typeof HostErrorCode)[keyof typeof HostErrorCode];

export interface HostErrorDebugInfo {
  code: string;
  message: string;
  /** e.g. "TableCollection.getItem", like Office's debugInfo.errorLocation. */
  errorLocation?: string;
}

export class HostError extends Error {
  readonly code: string;
  readonly debugInfo: HostErrorDebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: Error | null = null;

  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }

  /** Sets where the error happened unless already known (the executor fills this in). */
  locate(errorLocation: string): this {
    if (!this.debugInfo.errorLocation) this.debugInfo.errorLocation = errorLocation;
    return this;
  }
}

export class HostNotImplemented extends Error {
  readonly code = 'HostNotImplemented';
  /** e.g. "Excel.Range.hyperlink" */
  readonly member: string;
  constructor(member: string, detail?: string) {
    super(`HostNotImplemented: ${member}${detail ? ` (${detail})` : ''}`);
    this.name = 'HostNotImplemented';
    this.member = member;
  }
}

export function invalidArgument(message: string): HostError {
  return new HostError(HostErrorCode.invalidArgument, message);
}

export function itemNotFound(message: string): HostError {
  return new HostError(HostErrorCode.itemNotFound, message);
}

export function invalidOperation(message: string): HostError {
  return new HostError(HostErrorCode.invalidOperation, message);
}

/** What reading a property that was never loaded (or whose load has not been synced yet) throws. */
export function propertyNotLoaded(typeName: string, property: string): HostError {
  return new HostError(
    HostErrorCode.propertyNotLoaded,
    `The property '${property}' of ${typeName} is not available: call load('${property}') on the object ` + `and then await context.sync() before reading it.`,
  );
}
