/**
 * Public cloud regions to draw from (issue 14): provider, region code, the provider's display name,
 * the city it names, and that city's coordinates.
 *
 * Sources (checked 2026-12): AWS "Regions and Availability Zones" (docs.aws.amazon.com, region code
 * and name; AWS publishes no coordinates, so these are the named city's), Google Cloud "Cloud
 * locations" (cloud.google.com/about/locations, region and city), Azure `az account
 * list-locations` (name, displayName, latitude, longitude as Microsoft publishes them). Coordinates
 * are city-level: good to a few tens of km, which is far below what a distance-based RTT estimate
 * can resolve anyway (docs/cloud-regions.md).
 */
export type CloudProvider = "aws" | "gcp" | "azure";

export interface CloudRegion {
  provider: CloudProvider;
  /** The provider's region code, e.g. "us-east-1", "europe-west1", "westeurope". */
  code: string;
  /** The provider's display name, e.g. "US East (N. Virginia)". */
  name: string;
  city: string;
  lat: number;
  lon: number;
}

export const PROVIDER_LABEL: Record<CloudProvider, string> = { aws: "AWS", gcp: "Google Cloud", azure: "Azure" };

type Row = [code: string, name: string, city: string, lat: number, lon: number];

const AWS: Row[] = [
  ["us-east-1", "US East (N. Virginia)", "Ashburn, Virginia", 39.04, -77.49],
  ["us-east-2", "US East (Ohio)", "Columbus, Ohio", 39.96, -83.0],
  ["us-west-1", "US West (N. California)", "San Francisco Bay Area", 37.77, -122.42],
  ["us-west-2", "US West (Oregon)", "Boardman, Oregon", 45.84, -119.7],
  ["ca-central-1", "Canada (Central)", "Montréal", 45.5, -73.57],
  ["ca-west-1", "Canada West (Calgary)", "Calgary", 51.05, -114.07],
  ["sa-east-1", "South America (São Paulo)", "São Paulo", -23.55, -46.63],
  ["eu-west-1", "Europe (Ireland)", "Dublin", 53.35, -6.26],
  ["eu-west-2", "Europe (London)", "London", 51.51, -0.13],
  ["eu-west-3", "Europe (Paris)", "Paris", 48.86, 2.35],
  ["eu-central-1", "Europe (Frankfurt)", "Frankfurt", 50.11, 8.68],
  ["eu-central-2", "Europe (Zurich)", "Zurich", 47.37, 8.54],
  ["eu-north-1", "Europe (Stockholm)", "Stockholm", 59.33, 18.07],
  ["eu-south-1", "Europe (Milan)", "Milan", 45.46, 9.19],
  ["eu-south-2", "Europe (Spain)", "Aragón", 41.65, -0.88],
  ["il-central-1", "Israel (Tel Aviv)", "Tel Aviv", 32.09, 34.78],
  ["me-south-1", "Middle East (Bahrain)", "Bahrain", 26.07, 50.56],
  ["me-central-1", "Middle East (UAE)", "United Arab Emirates", 24.45, 54.38],
  ["af-south-1", "Africa (Cape Town)", "Cape Town", -33.92, 18.42],
  ["ap-east-1", "Asia Pacific (Hong Kong)", "Hong Kong", 22.32, 114.17],
  ["ap-south-1", "Asia Pacific (Mumbai)", "Mumbai", 19.08, 72.88],
  ["ap-south-2", "Asia Pacific (Hyderabad)", "Hyderabad", 17.39, 78.49],
  ["ap-northeast-1", "Asia Pacific (Tokyo)", "Tokyo", 35.68, 139.69],
  ["ap-northeast-2", "Asia Pacific (Seoul)", "Seoul", 37.57, 126.98],
  ["ap-northeast-3", "Asia Pacific (Osaka)", "Osaka", 34.69, 135.5],
  ["ap-southeast-1", "Asia Pacific (Singapore)", "Singapore", 1.35, 103.82],
  ["ap-southeast-2", "Asia Pacific (Sydney)", "Sydney", -33.87, 151.21],
  ["ap-southeast-3", "Asia Pacific (Jakarta)", "Jakarta", -6.21, 106.85],
  ["ap-southeast-4", "Asia Pacific (Melbourne)", "Melbourne", -37.81, 144.96],
];

const GCP: Row[] = [
  ["us-east1", "us-east1", "Moncks Corner, South Carolina", 33.2, -80.01],
  ["us-east4", "us-east4", "Ashburn, Virginia", 39.04, -77.49],
  ["us-east5", "us-east5", "Columbus, Ohio", 39.96, -83.0],
  ["us-central1", "us-central1", "Council Bluffs, Iowa", 41.26, -95.86],
  ["us-south1", "us-south1", "Dallas, Texas", 32.78, -96.8],
  ["us-west1", "us-west1", "The Dalles, Oregon", 45.59, -121.18],
  ["us-west2", "us-west2", "Los Angeles", 34.05, -118.24],
  ["us-west3", "us-west3", "Salt Lake City", 40.76, -111.89],
  ["us-west4", "us-west4", "Las Vegas", 36.17, -115.14],
  ["northamerica-northeast1", "northamerica-northeast1", "Montréal", 45.5, -73.57],
  ["northamerica-northeast2", "northamerica-northeast2", "Toronto", 43.65, -79.38],
  ["southamerica-east1", "southamerica-east1", "São Paulo", -23.55, -46.63],
  ["southamerica-west1", "southamerica-west1", "Santiago", -33.45, -70.67],
  ["europe-west1", "europe-west1", "St. Ghislain, Belgium", 50.45, 3.82],
  ["europe-west2", "europe-west2", "London", 51.51, -0.13],
  ["europe-west3", "europe-west3", "Frankfurt", 50.11, 8.68],
  ["europe-west4", "europe-west4", "Eemshaven, Netherlands", 53.44, 6.83],
  ["europe-west6", "europe-west6", "Zurich", 47.37, 8.54],
  ["europe-west8", "europe-west8", "Milan", 45.46, 9.19],
  ["europe-west9", "europe-west9", "Paris", 48.86, 2.35],
  ["europe-west10", "europe-west10", "Berlin", 52.52, 13.4],
  ["europe-west12", "europe-west12", "Turin", 45.07, 7.69],
  ["europe-north1", "europe-north1", "Hamina, Finland", 60.57, 27.2],
  ["europe-central2", "europe-central2", "Warsaw", 52.23, 21.01],
  ["europe-southwest1", "europe-southwest1", "Madrid", 40.42, -3.7],
  ["me-west1", "me-west1", "Tel Aviv", 32.09, 34.78],
  ["me-central1", "me-central1", "Doha", 25.29, 51.53],
  ["africa-south1", "africa-south1", "Johannesburg", -26.2, 28.05],
  ["asia-east1", "asia-east1", "Changhua County, Taiwan", 24.05, 120.52],
  ["asia-east2", "asia-east2", "Hong Kong", 22.32, 114.17],
  ["asia-northeast1", "asia-northeast1", "Tokyo", 35.68, 139.69],
  ["asia-northeast2", "asia-northeast2", "Osaka", 34.69, 135.5],
  ["asia-northeast3", "asia-northeast3", "Seoul", 37.57, 126.98],
  ["asia-south1", "asia-south1", "Mumbai", 19.08, 72.88],
  ["asia-south2", "asia-south2", "Delhi", 28.61, 77.21],
  ["asia-southeast1", "asia-southeast1", "Jurong West, Singapore", 1.34, 103.71],
  ["asia-southeast2", "asia-southeast2", "Jakarta", -6.21, 106.85],
  ["australia-southeast1", "australia-southeast1", "Sydney", -33.87, 151.21],
  ["australia-southeast2", "australia-southeast2", "Melbourne", -37.81, 144.96],
];

/** Azure publishes coordinates (`az account list-locations`); these are its values, rounded. */
const AZURE: Row[] = [
  ["eastus", "East US", "Virginia", 37.3719, -79.8164],
  ["eastus2", "East US 2", "Virginia", 36.6681, -78.3889],
  ["centralus", "Central US", "Iowa", 41.5908, -93.6208],
  ["northcentralus", "North Central US", "Illinois", 41.8819, -87.6278],
  ["southcentralus", "South Central US", "Texas", 29.4167, -98.5],
  ["westcentralus", "West Central US", "Wyoming", 40.89, -110.234],
  ["westus", "West US", "California", 37.783, -122.417],
  ["westus2", "West US 2", "Washington", 47.233, -119.852],
  ["westus3", "West US 3", "Phoenix", 33.448376, -112.074036],
  ["canadacentral", "Canada Central", "Toronto", 43.653, -79.383],
  ["canadaeast", "Canada East", "Quebec", 46.817, -71.217],
  ["brazilsouth", "Brazil South", "São Paulo State", -23.55, -46.633],
  ["northeurope", "North Europe", "Ireland", 53.3478, -6.2597],
  ["westeurope", "West Europe", "Netherlands", 52.3667, 4.9],
  ["uksouth", "UK South", "London", 50.941, -0.799],
  ["ukwest", "UK West", "Cardiff", 53.427, -3.084],
  ["francecentral", "France Central", "Paris", 46.3772, 2.373],
  ["germanywestcentral", "Germany West Central", "Frankfurt", 50.110924, 8.682127],
  ["switzerlandnorth", "Switzerland North", "Zurich", 47.451542, 8.564572],
  ["norwayeast", "Norway East", "Oslo", 59.913868, 10.752245],
  ["swedencentral", "Sweden Central", "Gävle", 60.67488, 17.14127],
  ["polandcentral", "Poland Central", "Warsaw", 52.23334, 21.01666],
  ["italynorth", "Italy North", "Milan", 45.46888, 9.18109],
  ["spaincentral", "Spain Central", "Madrid", 40.4259, -3.4209],
  ["uaenorth", "UAE North", "Dubai", 25.266666, 55.316666],
  ["qatarcentral", "Qatar Central", "Doha", 25.551462, 51.439327],
  ["southafricanorth", "South Africa North", "Johannesburg", -25.73134, 28.21837],
  ["centralindia", "Central India", "Pune", 18.5822, 73.9197],
  ["southindia", "South India", "Chennai", 12.9822, 80.1636],
  ["eastasia", "East Asia", "Hong Kong", 22.267, 114.188],
  ["southeastasia", "Southeast Asia", "Singapore", 1.283, 103.833],
  ["japaneast", "Japan East", "Tokyo, Saitama", 35.68, 139.77],
  ["japanwest", "Japan West", "Osaka", 34.6939, 135.5022],
  ["koreacentral", "Korea Central", "Seoul", 37.5665, 126.978],
  ["australiaeast", "Australia East", "New South Wales", -33.86, 151.2094],
  ["australiasoutheast", "Australia Southeast", "Victoria", -37.8136, 144.9631],
];

const rows = (provider: CloudProvider, list: Row[]): CloudRegion[] => list.map(([code, name, city, lat, lon]) => ({ provider, code, name, city, lat, lon }));

export const CLOUD_REGIONS: readonly CloudRegion[] = [...rows("aws", AWS), ...rows("gcp", GCP), ...rows("azure", AZURE)];

export function findCloudRegion(provider: string, code: string): CloudRegion | undefined {
  return CLOUD_REGIONS.find((r) => r.provider === provider && r.code === code);
}

/** Regions whose code, name or city contains every word of `query` (case- and accent-insensitive). */
export function searchCloudRegions(query: string, provider?: CloudProvider): CloudRegion[] {
  const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  return CLOUD_REGIONS.filter((r) => (!provider || r.provider === provider) && words.every((w) => fold(`${PROVIDER_LABEL[r.provider]} ${r.code} ${r.name} ${r.city}`).includes(w)));
}
