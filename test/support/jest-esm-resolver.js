/**
 * Jest resolver for ESM-only packages (see jest.config.js). The suite runs as CommonJS, so jest resolves
 * `require()` with the conditions require/default/node, and a package whose `exports` offers only `import`
 * (@actions/core 3, @actions/github 9, their @actions/* dependencies) is "not exported" under them.
 * Only then, resolve again as an import would, which is what ncc (webpack) does for the bundles; the
 * file found is ESM, and the transform in jest.config.js turns it into CommonJS.
 * Every other package resolves exactly as before.
 */
module.exports = (request, options) => {
  try {
    return options.defaultResolver(request, options);
  } catch (error) {
    const conditions = options.conditions;
    if (!conditions || !conditions.includes('require')) throw error;
    try {
      return options.defaultResolver(request, {
        ...options,
        conditions: conditions.map((c) => (c === 'require' ? 'import' : c)),
      });
    } catch {
      throw error;
    }
  }
};
