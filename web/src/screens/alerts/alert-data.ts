// What the alert screens read from the API, where an alert's page is, and
// marking notifications read (which lets the unread badge count again).
import { post } from "../../api.js";
import { UNREAD_CHANGED } from "../../alerts.js";

export type AlertSubject = Record<string, string | undefined> & { kind: string };
export type Recipient = { unitCode: string; acknowledgedAt: string | null };

export interface Notification {
  id: string;
  kind: string;
  /** English, for API clients: the screen writes kind + params in the reader's language (notification-text.ts). */
  message: string;
  params: Record<string, string>;
  entityType: string;
  entityId: string;
  createdAt: string;
  readAt: string | null;
}
export interface Alert {
  id: string;
  fromUnit: string;
  subject: AlertSubject;
  message: string;
  seizureId: string | null;
  createdAt: string;
  expiresAt: string | null;
  recipients: Recipient[] | null;
  replyCount: number;
  matchedShipments?: number;
}
/** A shipment of the unit an alert matched. */
export interface Match {
  shipmentId: string;
  containerNumber: string | null;
  billOfLading: string;
  arrivalDate: string | null;
  matchedAt: string;
  reason: { alertId: string; fromUnit: string; subject: AlertSubject; message: string };
}
export interface SeizureReport {
  commodity: string;
  quantity: number;
  quantityUnit: string;
  concealment: string;
  detectionMethod: string;
  seizedAt: string;
  personsArrested: number;
  containerNumber: string | null;
  billOfLading: string;
  portOfLoading: string | null;
  portOfDischarge: string | null;
  /** Parties the officer named on the seizure. */
  parties: string[];
  /** The seized shipment's own parties, as its manifest gave them: what the receiving unit is matched on. */
  shipmentParties: { role: "shipper" | "consignee" | "notify"; name: string; country: string | null }[];
}
export interface AlertDetail extends Alert {
  seizureReport: SeizureReport | null;
  replies: { unitCode: string; author: string | null; message: string; at: string }[];
  flaggedShipments: Match[];
}
export interface Seizure {
  id: string;
  commodity: string;
  quantity: number;
  quantityUnit: string;
  containerNumber: string | null;
  billOfLading: string;
  seizedAt: string;
  sharing: string;
}

/** The page of one alert. */
export const alertPath = (unitCode: string, alertId: string) => `/units/${encodeURIComponent(unitCode)}/alerts/${alertId}`;

/** Marks notifications read, then lets the badge count again. */
export async function markRead(unitCode: string, ids: readonly string[]): Promise<void> {
  try {
    await Promise.all(ids.map((id) => post(`/v1/units/${unitCode}/notifications/${id}/read`)));
  } finally {
    window.dispatchEvent(new Event(UNREAD_CHANGED));
  }
}
