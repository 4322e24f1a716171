package dev.ledmatrix.display.panel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The library's {@code pixel_mapper_config} string ({@code "U-mapper;Rotate:90"}), parsed so Java can
 * reject what the library would silently ignore (an unknown name or bad parameter only prints a warning
 * there) and compute the visible size the emulator must share with the real panel.
 */
record PixelMapperConfig(List<Mapper> mappers) {

    static final List<String> NAMES = List.of("Rotate", "Mirror", "U-mapper", "V-mapper", "StackToRow", "Remap");

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,9}");
    private static final Pattern REMAP_TILE = Pattern.compile("[+-]?\\d{1,9},[+-]?\\d{1,9}[neswxNESWX]");

    record Mapper(String name, String parameter) {
    }

    static final PixelMapperConfig NONE = new PixelMapperConfig(List.of());

    /**
     * @throws IllegalArgumentException saying what is wrong and what is allowed
     */
    static PixelMapperConfig parse(String config, int chain, int parallel) {
        if (config == null || config.isEmpty()) {
            return NONE;
        }
        List<Mapper> mappers = new ArrayList<>();
        for (String part : config.split(";", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int colon = part.indexOf(':');
            String name = colon < 0 ? part : part.substring(0, colon);
            String parameter = colon < 0 ? "" : part.substring(colon + 1);
            String canonical = NAMES.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown pixel mapper '" + name
                            + "'; known: " + String.join(", ", NAMES) + " (as Name or Name:parameter, separated by ';')"));
            checkParameter(canonical, parameter, chain, parallel);
            mappers.add(new Mapper(canonical, parameter));
        }
        return new PixelMapperConfig(List.copyOf(mappers));
    }

    private static void checkParameter(String name, String p, int chain, int parallel) {
        switch (name) {
            case "Rotate" -> {
                if (!p.isEmpty() && (!INTEGER.matcher(p).matches() || Integer.parseInt(p) % 90 != 0)) {
                    throw new IllegalArgumentException("Rotate takes an angle that is a multiple of 90, got '" + p + "'");
                }
            }
            case "Mirror" -> {
                if (!p.isEmpty() && !p.equalsIgnoreCase("H") && !p.equalsIgnoreCase("V")) {
                    throw new IllegalArgumentException("Mirror takes H or V, got '" + p + "'");
                }
            }
            case "U-mapper" -> {
                if (chain < 2 || chain % 2 != 0) {
                    throw new IllegalArgumentException("U-mapper needs an even chain-length of at least 2, got " + chain);
                }
            }
            case "V-mapper" -> {
                if (!p.isEmpty() && !p.equalsIgnoreCase("Z")) {
                    throw new IllegalArgumentException("V-mapper takes no parameter or Z, got '" + p + "'");
                }
            }
            case "StackToRow" -> {
                if (!p.matches("[ZzFf, ]*")) {
                    throw new IllegalArgumentException("StackToRow takes Z and/or F, got '" + p + "'");
                }
            }
            case "Remap" -> checkRemap(p, chain * parallel);
            default -> throw new IllegalStateException(name);
        }
    }

    private static void checkRemap(String p, int panels) {
        String[] parts = p.split("\\|", -1);
        String[] size = parts[0].split(",", -1);
        boolean sizeOk = size.length == 2 && size[0].matches("\\d{1,5}") && size[1].matches("\\d{1,5}")
                && Integer.parseInt(size[0]) > 0 && Integer.parseInt(size[1]) > 0;
        boolean tilesOk = parts.length - 1 == panels;
        for (int i = 1; tilesOk && i < parts.length; i++) {
            tilesOk = REMAP_TILE.matcher(parts[i]).matches();
        }
        if (!sizeOk || !tilesOk) {
            throw new IllegalArgumentException("Remap takes width,height|x,y<o>|... with one x,y<o> tile per panel ("
                    + panels + " here) and o one of n, e, s, w, x; got '" + p + "'");
        }
    }

    /** The canvas size the application sees, given the size of the chained panels. */
    int[] visibleSize(int matrixWidth, int matrixHeight, int chain, int parallel) {
        int w = matrixWidth;
        int h = matrixHeight;
        for (Mapper m : mappers) {
            String p = m.parameter();
            switch (m.name()) {
                case "Rotate" -> {
                    int angle = p.isEmpty() ? 0 : Math.floorMod(Integer.parseInt(p), 360);
                    if (angle % 180 != 0) {
                        int t = w;
                        w = h;
                        h = t;
                    }
                }
                case "U-mapper" -> {
                    w = (w / 64) * 32;
                    h = 2 * h;
                }
                case "V-mapper" -> {
                    int nw = w * parallel / chain;
                    h = h * chain / parallel;
                    w = nw;
                }
                case "StackToRow" -> {
                    w = w * parallel;
                    h = h / parallel;
                }
                case "Remap" -> {
                    String[] size = p.substring(0, p.indexOf('|')).split(",");
                    w = Integer.parseInt(size[0]);
                    h = Integer.parseInt(size[1]);
                }
                default -> {
                    // Mirror keeps the size.
                }
            }
        }
        return new int[] {w, h};
    }
}
