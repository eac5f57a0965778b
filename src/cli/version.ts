// Kept in step with package.json by a test; a JSON import would pull the whole manifest into the bundle.
export const VERSION = '0.1.0';
