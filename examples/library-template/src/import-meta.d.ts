// import.meta.url, as @types/node declares it, for a build without Node's types.
interface ImportMeta {
  url: string;
}
