// A job's failure the web app can say in the reader's language: a code and
// its parameters, stored with the job's English message (kept for API clients).
export type JobFailureParams = Record<string, string | number>;

/** How a failed job's row keeps it (result.failure) and the API returns it. */
export interface StoredJobFailure {
  code: string;
  params: JobFailureParams;
}

export class JobFailure extends Error {
  constructor(
    readonly code: string,
    readonly params: JobFailureParams,
    message: string,
  ) {
    super(message);
    this.name = "JobFailure";
  }
}
