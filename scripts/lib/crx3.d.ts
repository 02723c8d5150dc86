// The crx3 packer ships no types: the part of its API scripts/lib/enterprise.ts uses.
declare module 'crx3' {
  interface Crx3Options {
    keyPath?: string;
    crxPath?: string;
    zipPath?: string;
    xmlPath?: string;
    crxURL?: string;
    appVersion?: string;
    browserVersion?: string;
  }
  export default function crx3(files: string[], options: Crx3Options): Promise<{ appId?: string }>;
}
