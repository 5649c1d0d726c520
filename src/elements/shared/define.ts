/** Defines a custom element once: a second copy of formacoop on a page (two CMS blocks) must not throw. */
export function define(name: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, ctor);
}
