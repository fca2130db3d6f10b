// The error for a case the runner cannot run as written (bad value, unknown op): never mistaken for an engine error.
export class CaseFormatError extends Error {
  override readonly name = 'CaseFormatError';
}
