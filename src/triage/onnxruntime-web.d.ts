// onnxruntime-web 1.21 declares its entry points ('onnxruntime-web/wasm', …) as ambient modules in
// one file that its package.json "exports" never names, so TypeScript does not find it on its own.
/// <reference path="../../node_modules/onnxruntime-web/types.d.ts" />
