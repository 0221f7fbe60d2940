import { defineConfig } from 'vitepress';

export default defineConfig({
  title: 'Legate for TypeScript',
  description: 'NumPy/SciPy-class numerics for TypeScript, from one core to GPUs and MPI ranks',
  cleanUrls: true,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'Reference', link: '/reference/cli' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: [
      {
        text: 'Guide',
        items: [
          { text: 'Getting started', link: '/guide/getting-started' },
          { text: 'Architecture', link: '/guide/architecture' },
          { text: 'Stores and tasks', link: '/guide/stores-and-tasks' },
          { text: 'Arrays (numeric)', link: '/guide/numeric' },
          { text: 'Sparse matrices (sparse)', link: '/guide/sparse' },
          { text: 'Running across processes', link: '/guide/ranks' },
          { text: 'Writing a library', link: '/guide/writing-a-library' },
          { text: 'The native build', link: '/guide/native-build' },
          { text: 'Testing', link: '/guide/testing' },
          { text: 'Benchmarks', link: '/guide/benchmarks' },
          { text: 'Pictures', link: '/guide/pictures' },
        ],
      },
      {
        text: 'Reference',
        items: [
          { text: 'The legate command', link: '/reference/cli' },
          { text: 'Environment variables', link: '/reference/environment' },
        ],
      },
      {
        text: 'API (TypeDoc)',
        items: [
          { text: '@legate/core', link: '/api/@legate/core/' },
          { text: '@legate/numeric', link: '/api/@legate/numeric/' },
          { text: '@legate/sparse', link: '/api/@legate/sparse/' },
        ],
      },
    ],
    outline: [2, 3],
    search: { provider: 'local' },
  },
});
