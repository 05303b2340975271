import { defineConfig } from "vitepress";
import { buildApiReference } from "./api-reference.js";
import { buildDone, pageRendered, reportStage } from "./build-progress.js";
import { copySpecs, packageVersion, serveSpecs } from "./protocol-assets.js";
import { protocolSidebar } from "./sidebar.gen.js";

// Hand-written. The pages under protocols/, toolkit/cli.md, index.md and sidebar.gen.ts are generated
// by `pnpm generate` from specs/ (see generator/src/emit/docs).
// The API reference (docs/api/**) is generated from the TypeScript sources before VitePress reads the pages.
const apiSidebar = await buildApiReference();
reportStage("API reference", `${apiSidebar.length} modules`);

export default defineConfig({
  title: "wiretype",
  description: "Typed, validated, documented libraries for real-time protocols, generated from AsyncAPI 3 specs.",
  lang: "en-US",
  // An explicit icon, so that browsers do not ask for a missing /favicon.ico.
  head: [["link", { rel: "icon", type: "image/svg+xml", href: "/favicon.svg" }]],
  cleanUrls: false,
  lastUpdated: false,
  // Dead internal links fail the build (VitePress' default): keep it that way.
  ignoreDeadLinks: false,
  srcExclude: ["snippets/**", "README.md"],
  vite: { plugins: [serveSpecs()] },
  buildEnd: (site) => {
    copySpecs(site.outDir);
    buildDone(site.pages.length);
  },
  transformHtml: (_code, _id, { siteConfig }) => pageRendered(siteConfig.pages.length),
  // Protocol pages show their package's version as released (`{{ $frontmatter.packageVersion }}`).
  transformPageData(pageData) {
    const version = packageVersion(pageData.relativePath);
    if (version !== undefined) pageData.frontmatter.packageVersion = version;
  },
  themeConfig: {
    search: { provider: "local" },
    nav: [
      { text: "Protocols", link: `/protocols/voxy/` },
      { text: "Toolkit", link: "/toolkit/cli" },
      { text: "Examples", link: "/examples/" },
      { text: "API", link: "/api/" },
    ],
    sidebar: [
      ...protocolSidebar,
      {
        text: "Toolkit",
        items: [
          { text: "CLI reference", link: "/toolkit/cli" },
          { text: "Spec conventions and extensions", link: "/toolkit/extensions" },
          { text: "Adding a protocol", link: "/toolkit/add-a-protocol" },
          { text: "Hostile input and secure defaults", link: "/toolkit/security" },
          { text: "Delivery guarantees", link: "/toolkit/delivery" },
          { text: "Connections, headers and replies", link: "/toolkit/connections" },
          { text: "Running a cluster on Redis", link: "/toolkit/cluster" },
          { text: "Socket.IO protocols in a cluster", link: "/toolkit/cluster-socket-io" },
        ],
      },
      {
        text: "Example apps",
        items: [
          { text: "Overview", link: "/examples/" },
          { text: "voxy 1:1 call", link: "/examples/voxy-call" },
          { text: "kurento-room group call", link: "/examples/kurento-room-call" },
          { text: "verto phone", link: "/examples/verto-phone" },
        ],
      },
      { text: "API reference", collapsed: true, items: [{ text: "All modules", link: "/api/" }, ...apiSidebar] },
    ],
    outline: { level: [2, 3] },
  },
});
