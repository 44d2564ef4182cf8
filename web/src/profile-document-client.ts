// The main thread's handle on the editor's worker (profile-document.worker.ts):
// it gives the worker the base document once, then the form after each edit
// (profile-sync.ts sends only what changed), and asks it for the document's
// text when a save, a dry-run or the JSON view needs it.
import { ApiError, loadSession } from "./api.js";
import type { FromWorker, Synced, ToWorker } from "./profile-document.worker.js";
import type { ProfileForm } from "./profile-form.js";
import { FormSender } from "./profile-sync.js";

export type { Synced };

export class ProfileDocumentClient {
  private readonly worker = new Worker(new URL("./profile-document.worker.ts", import.meta.url), { type: "module" });
  private readonly sender = new FormSender();
  private readonly texts = new Map<number, (text: string) => void>();
  private nextText = 0;
  private revision = 0;

  /** `onSynced` hears each answer (the latest revision's last); it is never called after close. */
  constructor(onSynced: (synced: Synced) => void) {
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === "synced") onSynced(message);
      else {
        this.texts.get(message.id)?.(message.text);
        this.texts.delete(message.id);
      }
    };
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  /** The version as loaded: `doc` its definition, `response` the API's answer it was read from (the worker parses its own copy). */
  load(doc: unknown, response: string): void {
    this.sender.reset(doc);
    this.post({ type: "load", response });
  }

  /** The document the form was read from, as text (typed in the JSON view; the worker parses its own copy). */
  base(doc: unknown, text: string): void {
    this.sender.reset(doc);
    this.post({ type: "base", text });
  }

  saved(text: string): void {
    this.post({ type: "saved", text });
  }

  /** The form as it is now; validated by `validateUrl` when given. Returns the revision the answer will carry. */
  sync(form: ProfileForm | null, validateUrl: string | null): number {
    this.revision += 1;
    const session = loadSession();
    const headers: Record<string, string> = session ? { Authorization: `Bearer ${session.token}` } : {};
    this.post({ type: "sync", revision: this.revision, form: form === null ? null : this.sender.form(form), validate: validateUrl === null ? null : { url: validateUrl, headers } });
    return this.revision;
  }

  /** The text of the document of `form` (compact, or indented for the JSON view). */
  text(form: ProfileForm | null, pretty: boolean): Promise<string> {
    this.sync(form, null);
    const id = (this.nextText += 1);
    return new Promise((resolve) => {
      this.texts.set(id, resolve);
      this.post({ type: "text", id, pretty });
    });
  }

  close(): void {
    this.worker.terminate();
    this.texts.clear();
  }
}

/** A refusal the worker heard from the API, as the error the screens show. */
export const failureError = (failure: NonNullable<Synced["failure"]>): Error =>
  failure.status === 0 ? new Error(failure.message) : new ApiError(failure.status, failure.code, failure.message);
