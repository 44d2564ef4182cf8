// Record and job ids are UUIDs: the pattern the screens check an id against
// (a job in the URL, a shipment id typed in the dry-run, the queue's assignee)
// before they send it. The server's own check is core/ids.ts's isUuid, which
// the browser does not import (that module also draws ids through node:crypto).
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
