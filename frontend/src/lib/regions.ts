// Human names for the AWS regions that Supabase hosts projects in.

/**
 * City or area of each region code that the Management API accepts when it
 * creates a project (the region enum of V1CreateProjectBody).
 */
const REGION_PLACES: Record<string, string> = {
  'us-east-1': 'North Virginia',
  'us-east-2': 'Ohio',
  'us-west-1': 'North California',
  'us-west-2': 'Oregon',
  'ca-central-1': 'Canada Central',
  'sa-east-1': 'São Paulo',
  'eu-west-1': 'Ireland',
  'eu-west-2': 'London',
  'eu-west-3': 'Paris',
  'eu-north-1': 'Stockholm',
  'eu-central-1': 'Frankfurt',
  'eu-central-2': 'Zurich',
  'ap-south-1': 'Mumbai',
  'ap-east-1': 'Hong Kong',
  'ap-southeast-1': 'Singapore',
  'ap-southeast-2': 'Sydney',
  'ap-northeast-1': 'Tokyo',
  'ap-northeast-2': 'Seoul',
};

/**
 * Returns a label such as "eu-central-1 (Frankfurt)". A code without a known
 * place is returned as it is, and an empty code as "Unknown region".
 */
export function regionLabel(code: string): string {
  const trimmed = code.trim();
  if (trimmed === '') {
    return 'Unknown region';
  }

  if (!Object.hasOwn(REGION_PLACES, trimmed)) {
    return trimmed;
  }
  return `${trimmed} (${REGION_PLACES[trimmed]})`;
}
