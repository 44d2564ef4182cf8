// Officer: the unit's manifests screen. Carriers' systems post manifests to
// the API; here an officer sees those received and their state (a large one
// still being written, or failed and why), and sends a CUSCAR interchange by
// hand and reads the answer (a file a feed could not send, or a check of a
// carrier's file).
import { useApp } from "../context.js";
import { EdifactUploadCard } from "./EdifactUpload.js";
import { ManifestListCard } from "./ManifestList.js";

export function Manifests() {
  const { t, unit } = useApp();
  return (
    <section aria-labelledby="manifests-title">
      <h1 id="manifests-title">{t("manifests.title", { unit: unit?.code ?? "" })}</h1>
      <ManifestListCard />
      <EdifactUploadCard />
    </section>
  );
}
