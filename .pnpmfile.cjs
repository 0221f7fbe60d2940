// pnpm hooks. beforePacking: what `pnpm pack` and `pnpm publish` put in a published package's
// package.json. Development-only fields go: the devDependencies name private workspace packages
// (@legate/testing, @legate/bench) that are not on the registry; the scripts run the
// repository's build, which a tarball does not carry. Consumers never read either. The
// dependency lists are sorted, so the same sources always give the same tarball.
module.exports = {
  hooks: {
    beforePacking(pkg) {
      delete pkg.devDependencies;
      delete pkg.scripts;
      // pnpm rewrites `workspace:` ranges as they resolve, in whatever order that is: a package
      // with two workspace dependencies (sparse: core and numeric) got them in either order.
      for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
        if (pkg[field]) pkg[field] = Object.fromEntries(Object.entries(pkg[field]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      }
      return pkg;
    },
  },
};
