"""Sign-in, tokens, sign-out and the rate limit on sign-in."""
