-- At most one active version per profile (Prisma cannot express partial indexes).
CREATE UNIQUE INDEX "profile_version_one_active" ON "profile_version" ("profile_id") WHERE "status" = 'active';

-- Only pending rows are looked at by the reconciler, so keep that index small.
CREATE INDEX "scoring_state_pending" ON "scoring_state" ("enqueued_at") WHERE "status" = 'pending';
