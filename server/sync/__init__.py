"""The sync protocol: versions, push (exactly once, in order), pull, realtime hints."""
