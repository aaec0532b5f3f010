-- Identity verification: a widget with an identity secret trusts `Parley.identify`'s userId
-- only with userHash = hex HMAC-SHA256(secret, userId); its verified visitors' contacts are
-- marked verified. NULL: the widget does not verify (claims stay unverified).
ALTER TABLE widgets ADD COLUMN identity_secret TEXT;
