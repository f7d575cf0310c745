// `express4` is an npm alias of express@4, installed so the contract runs on both majors.
declare module 'express4' {
  import express from 'express';
  export default express;
}
