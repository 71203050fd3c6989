-- How a session was signed in (password, sso, forward): refresh checks differ per method.
ALTER TABLE sessions ADD COLUMN method TEXT NOT NULL DEFAULT 'password';
