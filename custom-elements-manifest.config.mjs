/**
 * custom-elements.json: the elements' public API as read by editors, by Storybook's controls and
 * docs, and by sites that embed formacoop. Generated from the JSDoc headers of the elements
 * (@summary, @slot, @csspart, @cssproperty, @fires) by `npm run analyze` (`cem analyze --litelement`),
 * which `npm run build` and the Storybook scripts run. Not committed: it is rebuilt from the source.
 */
import { dirname, join, posix } from 'node:path';

/**
 * Tag names are given in src/define/*.ts by our `define('fc-x', FcX)` helper (it tolerates a second
 * copy of formacoop on a page), not by a literal `customElements.define` call, so the analyzer
 * cannot see them by itself. This plugin reads those calls and records them as
 * `custom-element-definition` exports, which the analyzer then links to the classes (`tagName`).
 */
function defineHelperCalls() {
  return {
    name: 'formacoop:define-helper-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteral(tag) || !ts.isIdentifier(klass)) return;
      const module = importedFrom(ts, node.getSourceFile(), klass.text, moduleDoc.path);
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: klass.text, ...(module ? { module } : {}) } },
      ];
    },
  };
}

/** The manifest path (`src/elements/cycle/cycle.ts`) of the module a name is imported from. */
function importedFrom(ts, sourceFile, name, modulePath) {
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings) || !bindings.elements.some((e) => e.name.text === name)) continue;
    const specifier = statement.moduleSpecifier.text;
    if (!specifier.startsWith('.')) return undefined;
    return posix.normalize(join(dirname(modulePath), specifier).split('\\').join('/')).replace(/\.js$/, '.ts');
  }
  return undefined;
}

/**
 * Keeps the manifest to the public API: private and protected members (controllers, render
 * helpers) are not part of it, and Storybook would otherwise list them as controls. Also drops the
 * nameless event the analyzer infers from `dispatchEvent(new SomeEvent())` next to the documented
 * @fires, and the definition it infers from the generic `customElements.define(name, ctor)` inside
 * our `define` helper.
 */
function publicApiOnly() {
  const isTagName = (name) => typeof name === 'string' && /^[a-z][a-z0-9]*-[a-z0-9-]*$/.test(name);
  return {
    name: 'formacoop:public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        mod.exports = mod.exports?.filter((e) => e.kind !== 'custom-element-definition' || isTagName(e.name));
        for (const declaration of mod.declarations ?? []) {
          if (declaration.members) {
            declaration.members = declaration.members.filter(
              (m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('#'),
            );
          }
          if (declaration.events) declaration.events = declaration.events.filter((e) => e.name);
        }
      }
    },
  };
}

export default {
  // The elements, and the modules that give them their tag names.
  globs: ['src/elements/**/*.ts', 'src/define/*.ts'],
  exclude: ['**/*.test.ts', '**/*.spec.ts', '**/*.d.ts'],
  outdir: '.',
  litelement: true,
  // package.json names the manifest itself (`customElements`); the analyzer must not rewrite it.
  packagejson: false,
  plugins: [defineHelperCalls(), publicApiOnly()],
};
