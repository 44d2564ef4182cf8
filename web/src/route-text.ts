// A shipment's route as one line: loading → transhipments → discharge, so a
// Rotterdam-bound container never reads as if it ended at its last
// transhipment port.

export interface RouteParts {
  portOfLoading: string | null;
  transshipmentPorts: readonly string[];
  /** Absent on answers from before the queue carried it. */
  portOfDischarge?: string | null;
}

/** "CNSHA → SGSIN → NLRTM"; null when no port is known. A port repeated next to itself shows once. */
export function routeText(route: RouteParts): string | null {
  const ports = [route.portOfLoading, ...route.transshipmentPorts, route.portOfDischarge ?? null].filter((p): p is string => Boolean(p));
  const steps = ports.filter((p, i) => p !== ports[i - 1]);
  return steps.length > 0 ? steps.join(" → ") : null;
}
