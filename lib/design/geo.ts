/**
 * Round-trip times estimated from where regions are (issue 14; the formula and its constants are in
 * docs/cloud-regions.md): great-circle distance, light in fibre, a route factor for paths that are
 * not great circles, and a small fixed cost. Estimates are marked `estimated: true` on the link and
 * replaced by what the user types.
 *
 * @example
 * estimateRttMs({ lat: 39.04, lon: -77.49 }, { lat: 53.35, lon: -6.26 }) // us-east-1 ↔ eu-west-1: 79
 */
import type { CloudRegion } from "./cloud-regions";
import { addRegion, type Created } from "./commands";
import type { Design, Link, Point, Region } from "./schema";

export interface LatLon {
  lat: number;
  lon: number;
}

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;
/** Light in optical fibre (refractive index ≈ 1.47): about 200,000 km/s = 200 km per ms. */
export const FIBRE_KM_PER_MS = 200;
/** Cables and routes are longer than the great circle: a path about 1.4× as long. */
export const ROUTE_FACTOR = 1.4;
/** Switching, serialisation and the last kilometres inside the two regions, per round trip. */
export const FIXED_MS = 2;

/** Great-circle distance in km (haversine). */
export function greatCircleKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** rtt ≈ FIXED + 2 × distance × ROUTE_FACTOR / FIBRE speed, in whole ms. */
export function estimateRttMs(a: LatLon, b: LatLon): number {
  return Math.round(FIXED_MS + (2 * greatCircleKm(a, b) * ROUTE_FACTOR) / FIBRE_KM_PER_MS);
}

/** The formula in words, with this pair's numbers (for "why?"). */
export function describeEstimate(a: LatLon, b: LatLon): string {
  const km = greatCircleKm(a, b);
  return `${FIXED_MS} ms + 2 × ${Math.round(km)} km × ${ROUTE_FACTOR} / ${FIBRE_KM_PER_MS} km/ms = ${estimateRttMs(a, b)} ms`;
}

const samePair = (l: Link, a: string, b: string) => (l.a === a && l.b === b) || (l.a === b && l.b === a);

/**
 * Fills in estimated links between `regionId` and every other region with a location, where no
 * link exists yet; refreshes links that are still estimates (a region moved). Measured links stay.
 */
export function withEstimatedLinks(design: Design, regionId: string): Design {
  const regions = design.regions ?? [];
  const region = regions.find((r) => r.id === regionId);
  if (!region?.location) return design;
  let links = [...(design.links ?? [])];
  for (const other of regions) {
    if (other.id === regionId || !other.location) continue;
    const rttMs = estimateRttMs(region.location, other.location);
    const i = links.findIndex((l) => samePair(l, regionId, other.id));
    if (i < 0) links.push({ a: regionId, b: other.id, rttMs, estimated: true });
    else if (links[i].estimated) links[i] = { ...links[i], rttMs };
  }
  if (links.length === (design.links ?? []).length && links.every((l, i) => l === design.links?.[i])) links = design.links ?? [];
  return { ...design, links };
}

/** Regions with a known location, for the catalogue picker ("estimated from distance"). */
export function located(region: Region): region is Region & { location: NonNullable<Region["location"]> } {
  return region.location !== undefined;
}

/**
 * Adds a cloud region from the catalogue: named by its code, three zones, its location, and
 * estimated round-trip times to every other located region (one edit, one undo step).
 */
export function addCloudRegion(design: Design, cloud: CloudRegion, options: { zones?: number; origin?: Point } = {}): Created {
  const added = addRegion(design, { name: cloud.code, zones: options.zones ?? 3, origin: options.origin });
  const location = { provider: cloud.provider, code: cloud.code, lat: cloud.lat, lon: cloud.lon };
  const withLocation: Design = { ...added.design, regions: (added.design.regions ?? []).map((r) => (r.id === added.id ? { ...r, location } : r)) };
  return { id: added.id, design: withEstimatedLinks(withLocation, added.id) };
}
