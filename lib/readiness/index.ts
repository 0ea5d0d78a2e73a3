export * from "./verdict";
export * from "./evaluate";
export * from "./evaluator";
export * from "./fleet-facts";
export * from "./confidence";
export * from "./rollup";
export * from "./waivers";
export * from "./engine";
