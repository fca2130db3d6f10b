// Errors of the wire protocol: a stable Spark-like error class plus a message naming the frame part at fault.

/** A frame or message the peer sent cannot be accepted (malformed, too large, wrong handshake…). */
export class ProtocolError extends Error {
  readonly errorClass: string;

  constructor(errorClass: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.errorClass = errorClass;
  }
}

/** A frame header announced an unacceptable length (0, or more than the limit). */
export class FrameError extends ProtocolError {}
