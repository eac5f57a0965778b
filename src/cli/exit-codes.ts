export const EXIT_ALLOWED = 0;
export const EXIT_FINDING = 1;
export const EXIT_INPUT_ERROR = 2;
