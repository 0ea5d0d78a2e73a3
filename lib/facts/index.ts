export * from "./common";
export * from "./host";
export * from "./domain";
export * from "./acl";
export * from "./tenant";
export * from "./scope";
export * from "./fleet";
export * from "./ad";
