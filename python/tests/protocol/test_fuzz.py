"""Fuzzes the Python verifier with 20,000 random and mutated frames: each is accepted or rejected without raising,
and every accepted frame reads completely (the flatbuffers runtime raises struct.error on out-of-bounds reads)."""

from __future__ import annotations

import time

from kindling._protocol import body_of, read_envelope, verify_envelope
from kindling._protocol.walk import to_dict

from .gen_frames import Mutator, random_envelopes

FRAMES = 20_000


def test_fuzz_verifier(capsys):
    corpus = random_envelopes(21, 200)
    mut = Mutator(0x6B646C31, corpus)
    accepted = rejected = unsafe = 0
    t0 = time.perf_counter()
    for i in range(FRAMES):
        frame, strategy = mut.next()
        err = verify_envelope(frame)  # must not raise
        if err is None:
            accepted += 1
            try:
                env = read_envelope(frame)
                to_dict(env, "Envelope")
                body_of(env)
            except Exception as e:  # pragma: no cover - a failure names the frame
                raise AssertionError(f"reading verified frame #{i} ({strategy}) raised {e!r}: {frame.hex()}") from e
        else:
            assert isinstance(err, str) and not err.startswith("internal verifier error"), err
            rejected += 1
            if rejected % 10 == 0:
                try:
                    from kindling._gen.kindling.protocol.Envelope import Envelope

                    to_dict(Envelope.GetRootAs(frame, 0), "Envelope")
                except Exception:
                    unsafe += 1
    dt = time.perf_counter() - t0
    with capsys.disabled():
        print(
            f"\npython verifier fuzz: {FRAMES} frames in {dt:.2f} s ({FRAMES / dt:.0f} frames/s), {accepted} accepted, "
            f"{rejected} rejected (of a tenth sampled, {unsafe} would fail to read unverified)"
        )
    assert accepted + rejected == FRAMES
    assert rejected > FRAMES / 2 and accepted > 0
    assert unsafe > rejected / 100
    assert dt < 120
