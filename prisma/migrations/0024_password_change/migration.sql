-- A one-time password (the demo users' printed ones, an admin's reset) is for
-- the first sign-in only: until the user chooses their own, a web session can
-- read who it is, change the password and sign out, nothing else.
ALTER TABLE "app_user" ADD COLUMN "must_change_password" BOOLEAN NOT NULL DEFAULT false;
