// Build-time stand-in for the `stackframe` package that error-stack-parser constructs its
// results with. The SDK only reads the plain fields (functionName, fileName, lineNumber,
// columnNumber), which the real StackFrame also stores as own properties; its getters,
// setters and validation are 2 KB we never call. `new StackFrame(o)` returns `o` itself.
module.exports = function StackFrame(fields) {
  return fields;
};
