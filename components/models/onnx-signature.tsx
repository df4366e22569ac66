import type { ModelVersionRow } from "./types";

/** A version's ONNX inputs and outputs (name, element type, shape) as onnxruntime read them at registration. */
export function OnnxSignature({ version }: { version: ModelVersionRow }) {
  const io = version.onnxIo;
  return (
    <section aria-label={`ONNX signature v${version.version}`} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <h3 className="mb-2 flex items-baseline gap-2 text-sm font-semibold">
        v{version.version}
        {io ? <span className="truncate font-mono text-xs font-normal text-zinc-500" title={io.file}>{io.file.split("/").pop()}</span> : null}
      </h3>
      {!io ? (
        <p className="text-sm text-zinc-500">No ONNX file in this version&apos;s artifacts.</p>
      ) : (
        <table className="w-full text-[13px]">
          <thead className="sr-only">
            <tr>
              <th>Direction</th>
              <th>Name</th>
              <th>Type</th>
              <th>Shape</th>
            </tr>
          </thead>
          <tbody>
            {[...io.inputs.map((v) => ["in", v] as const), ...io.outputs.map((v) => ["out", v] as const)].map(([dir, v]) => (
              <tr key={`${dir}-${v.name}`} className="border-t border-zinc-100 first:border-t-0 dark:border-zinc-800/70">
                <td className="w-10 py-1 text-xs text-zinc-500 uppercase">{dir}</td>
                <td className="py-1 font-mono font-medium">{v.name}</td>
                <td className="py-1 font-mono text-zinc-600 dark:text-zinc-400">{v.type ?? (v.isTensor ? "tensor" : "non-tensor")}</td>
                <td className="py-1 text-right font-mono text-zinc-600 dark:text-zinc-400">[{v.shape.join(", ")}]</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
