-- The watched inbox (`portcullis inbox watch DIR --unit CODE`): one row per
-- file a watcher claimed, and one per watcher process with its heartbeat.
-- The file row is the inbox's memory across restarts: the same file (name
-- and content) dropped again is answered from it instead of processed twice,
-- and a file whose watcher died mid-way is taken over by a live one.

CREATE TABLE "inbox_watcher" (
    "id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "directory" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_interval_ms" INTEGER NOT NULL,
    "stopped_at" TIMESTAMPTZ(3),
    "waiting" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "inbox_watcher_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "inbox_file" (
    "id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "directory" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "byte_size" BIGINT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'processing',
    "watcher_id" UUID NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "answer" JSONB,
    "error" TEXT,

    CONSTRAINT "inbox_file_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "inbox_file_status_check" CHECK ("status" IN ('processing', 'done', 'failed')),
    CONSTRAINT "inbox_file_kind_check" CHECK ("kind" IN ('edi', 'manifest', 'history'))
);

-- Exactly once: a unit processes a given file (name and content) once.
CREATE UNIQUE INDEX "inbox_file_unit_id_content_hash_file_name_key" ON "inbox_file"("unit_id", "content_hash", "file_name");
CREATE INDEX "inbox_file_unit_id_directory_finished_at_idx" ON "inbox_file"("unit_id", "directory", "finished_at");
CREATE INDEX "inbox_watcher_unit_id_directory_idx" ON "inbox_watcher"("unit_id", "directory");

ALTER TABLE "inbox_watcher" ADD CONSTRAINT "inbox_watcher_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "control_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "inbox_file" ADD CONSTRAINT "inbox_file_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "control_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The application role (the watcher runs as it) reads and writes both, as
-- migration 0012 grants on every data table, and explicitly here so the grant does
-- not rest on the default privileges alone.
GRANT SELECT, INSERT, UPDATE, DELETE ON "inbox_watcher", "inbox_file" TO portcullis_app;
