/** The shape of a messages object with every leaf a string: a translation must fill every key the English one has. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
