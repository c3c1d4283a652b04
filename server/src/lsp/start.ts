import { main } from './main';

/** Entry point of the bundled server (dist/server.js) and of `elb-lint-ls`. */
main();
