export const SDK_NAME = 'closeloop-browser';
// Replaced by build.ts with the package version; the fallback serves tests and unbundled use.
declare const __SDK_VERSION__: string | undefined;
export const SDK_VERSION: string = typeof __SDK_VERSION__ === 'undefined' ? '0.0.0-dev' : __SDK_VERSION__;
