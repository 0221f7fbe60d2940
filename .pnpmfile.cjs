// pnpm hooks. beforePacking: what `pnpm pack` and `pnpm publish` put in a published package's
// package.json. Development-only fields go: the devDependencies name private workspace packages
// (@legate/testing, @legate/bench) that are not on the registry, and pnpm wrote them in varying
// order, so the same sources gave different tarballs; the scripts run the repository's build,
// which a tarball does not carry. Consumers never read either.
module.exports = {
  hooks: {
    beforePacking(pkg) {
      delete pkg.devDependencies;
      delete pkg.scripts;
      return pkg;
    },
  },
};
