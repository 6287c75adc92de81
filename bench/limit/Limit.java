import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The limit for bench/run.sh: the same Vert.x HTTP server LabLedger runs on (from its own class path), answering
 * fixed bodies held in memory, so that every LabLedger figure can also be read as a share of what this machine,
 * this HTTP stack and this client give at all for a response of that size and type.
 *
 *   java -cp 'target/quarkus-app/lib/main/*' bench/limit/Limit.java PORT PATH=FILE=CONTENT_TYPE ...
 *
 * Each PATH (exact match, query string ignored, any method; a request body is read and dropped) answers 200 with
 * FILE's bytes (read once at start), that Content-Type, a fixed strong ETag ("limit-PATH") and Content-Length;
 * with a matching If-None-Match it answers 304 without a body, as LabLedger does for a cached entry. Anything else
 * is a 404. It runs as many event loops as Quarkus does by default (2 x cores; Vert.x's own default), one
 * verticle instance per loop, all on the same port. Prints "limit ready on PORT" when it listens.
 */
public class Limit {

    record Body(Buffer bytes, String type, String etag) {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Map<String, Body> bodies = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] spec = args[i].split("=", 3);
            bodies.put(spec[0], new Body(Buffer.buffer(Files.readAllBytes(Path.of(spec[1]))), spec[2], "\"limit" + spec[0] + "\""));
        }
        int loops = 2 * Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start(Promise<Void> started) {
                vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)).requestHandler(req -> {
                    Body b = bodies.get(req.path());
                    req.body().onComplete(ignored -> {
                        if (b == null) {
                            req.response().setStatusCode(404).end();
                        } else if (b.etag().equals(req.getHeader("If-None-Match"))) {
                            req.response().setStatusCode(304).putHeader("ETag", b.etag()).end();
                        } else {
                            req.response().putHeader("Content-Type", b.type()).putHeader("ETag", b.etag()).end(b.bytes());
                        }
                    });
                }).listen().<Void>mapEmpty().onComplete(started);
            }
        }, new DeploymentOptions().setInstances(loops)).onComplete(r -> {
            if (r.succeeded()) {
                System.out.println("limit ready on " + port + " (" + loops + " event loops, " + bodies.size() + " bodies)");
            } else {
                r.cause().printStackTrace();
                System.exit(1);
            }
        });
    }
}
