export * from './schema';
export * from './diff';
export * from './label';
export * from './read-app';
export * from './image-labels';
