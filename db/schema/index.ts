export * from "./access";
export * from "./projects";
export * from "./runners";
export * from "./agile";
export * from "./pipeline";
export * from "./datasets";
export * from "./links";
export * from "./registry";
