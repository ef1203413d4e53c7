/**
 * While a visitor types their address, the browser fetches the signed-in app's files at low
 * priority, so that the list opens from the cache when they follow the emailed link. The
 * server lists those files in the mount point's `data-prefetch` attribute, taken away once
 * they are asked for.
 */
export function prefetchApp(root: Document = document): void {
  const mount = root.getElementById("app");
  const urls = (mount?.dataset.prefetch ?? "").split(/\s+/).filter(Boolean);
  mount?.removeAttribute("data-prefetch");
  for (const href of urls) {
    const link = root.createElement("link");
    link.rel = "prefetch";
    link.href = href;
    if (href.endsWith(".css")) link.as = "style";
    else if (href.endsWith(".js")) link.as = "script";
    root.head.appendChild(link);
  }
}
