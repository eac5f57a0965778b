/**
 * The data type of a request context key, as the Service Authorization Reference and the global condition
 * keys page name them. `ArrayOf…` keys are multivalued; each value has the element type.
 */
export type ConditionKeyType =
  | 'String'
  | 'ARN'
  | 'Bool'
  | 'Date'
  | 'IPAddress'
  | 'Numeric'
  | 'ArrayOfString'
  | 'ArrayOfARN'
  | 'ArrayOfBool';

/**
 * Global condition keys whose values are not plain strings, with the "Data type" the AWS global condition
 * context keys page gives (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
 * aws:EpochTime is "Date, Numeric" there: epoch seconds, which the Date parser also reads. Keys not listed are strings.
 */
const GLOBAL_KEY_TYPES: ReadonlyMap<string, ConditionKeyType> = new Map([
  ['aws:principalarn', 'ARN'],
  ['aws:principalisawsservice', 'Bool'],
  ['aws:assumedroot', 'Bool'],
  ['aws:tokenissuetime', 'Date'],
  ['aws:multifactorauthage', 'Numeric'],
  ['aws:multifactorauthpresent', 'Bool'],
  ['aws:ec2instancesourceprivateipv4', 'IPAddress'],
  ['aws:sourceip', 'IPAddress'],
  ['aws:vpcsourceip', 'IPAddress'],
  ['aws:viaawsservice', 'Bool'],
  ['aws:currenttime', 'Date'],
  ['aws:epochtime', 'Date'],
  ['aws:securetransport', 'Bool'],
  ['aws:sourcearn', 'ARN'],
  ['aws:chatbotsourcearn', 'ARN'],
  ['aws:ismcpserviceaction', 'Bool'],
  ['aws:viaawsmcpservice', 'Bool'],
  ['aws:principalorgpaths', 'ArrayOfString'],
  ['aws:principalservicenameslist', 'ArrayOfString'],
  ['aws:vpceorgpaths', 'ArrayOfString'],
  ['aws:resourceorgpaths', 'ArrayOfString'],
  ['aws:calledvia', 'ArrayOfString'],
  ['aws:tagkeys', 'ArrayOfString'],
  ['aws:sourceorgpaths', 'ArrayOfString'],
]);

/** The type of a global (aws:) key, or undefined for a key that is not global or not typed here. */
export function globalConditionKeyType(key: string): ConditionKeyType | undefined {
  return GLOBAL_KEY_TYPES.get(key.toLowerCase());
}

export function isConditionKeyType(text: string): text is ConditionKeyType {
  return [
    'String',
    'ARN',
    'Bool',
    'Date',
    'IPAddress',
    'Numeric',
    'ArrayOfString',
    'ArrayOfARN',
    'ArrayOfBool',
  ].includes(text);
}
