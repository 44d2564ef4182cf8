// The queue filtered to a manifest that has no container in it: a past voyage
// of the unit's history (its shipments were never scored, so none is queued).
// "No containers match these filters" alone reads as if the other filters hid
// them; this says why, from the manifest's own read (the same cached GET the
// re-scoring notice makes): stored, with shipments, none of them in scoring.
import { useApp } from "../context.js";
import { useApi } from "../server-state.js";

interface ManifestRead {
  manifestRef: string;
  state?: string;
  shipmentCount: number;
  counts: { byStatus: Record<string, number> };
}

export function PastManifestNotice({ code, manifestId }: { code: string; manifestId: string }) {
  const { t } = useApp();
  const manifest = useApi<ManifestRead>(`/v1/units/${code}/manifests/${manifestId}`);
  const m = manifest.data;
  if (!m || (m.state ?? "stored") !== "stored" || m.shipmentCount === 0) return null;
  const queued = Object.values(m.counts.byStatus).reduce((sum, n) => sum + n, 0);
  if (queued > 0) return null;
  return (
    <p className="hint" data-testid="past-manifest">
      {t("queue.pastManifest", { ref: m.manifestRef, n: m.shipmentCount })}
    </p>
  );
}
