/** Placeholder page: the playground UI replaces this once the scenario runner lands. */
export function App() {
  return (
    <main className="placeholder">
      <h1>Distro Playground</h1>
      <p lang="en">
        A playground that runs the Nacos Distro protocol in your browser, with each node in its own Web
        Worker.
      </p>
      <p lang="zh-CN">一个在浏览器中运行 Nacos Distro 协议的演练场，每个节点都运行在独立的 Web Worker 中。</p>
      <p className="status">Coming soon · 即将推出</p>
    </main>
  );
}
