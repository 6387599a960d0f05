"""The manifest's views, one module per feature: editions, signing, register, organisations, memberships."""
