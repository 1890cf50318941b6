/** The file `npm pack` writes for a package: `@acme/x` at 0.1.0 gives `acme-x-0.1.0.tgz`. */
export function tarballName(packageName: string, version: string): string {
  return `${packageName.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}
