"""A small Whitted-style ray tracer rendering a WIDTH x HEIGHT image.

Spheres and checkered planes (subclasses of `Shape` overriding `hit`,
`normal_at` and `color_at`) are lit by point lights with diffuse and specular
shading, shadow rays and mirror reflections up to MAX_DEPTH bounces, seen
through a pinhole camera. Every pixel is quantised to 8-bit RGB and folded
into an integer checksum.

Measures float arithmetic on object attributes, operator overloading on a
`Vector` class (`__add__`, `__sub__`, `__mul__`, `__neg__`) and the many
short-lived objects it allocates, `math.sqrt`, float `**`, and virtual method
calls over a `list[Shape]`.
"""

import math
from typing import Optional

WIDTH = 200
HEIGHT = 150
MAX_DEPTH = 3
EPSILON = 1e-6
FAR = 1e30


class Vector:
    def __init__(self, x: float, y: float, z: float) -> None:
        self.x: float = x
        self.y: float = y
        self.z: float = z

    def __add__(self, other: "Vector") -> "Vector":
        return Vector(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other: "Vector") -> "Vector":
        return Vector(self.x - other.x, self.y - other.y, self.z - other.z)

    def __mul__(self, k: float) -> "Vector":
        return Vector(self.x * k, self.y * k, self.z * k)

    def __neg__(self) -> "Vector":
        return Vector(-self.x, -self.y, -self.z)

    def dot(self, other: "Vector") -> float:
        return self.x * other.x + self.y * other.y + self.z * other.z

    def cross(self, other: "Vector") -> "Vector":
        return Vector(
            self.y * other.z - self.z * other.y,
            self.z * other.x - self.x * other.z,
            self.x * other.y - self.y * other.x,
        )

    def tint(self, other: "Vector") -> "Vector":
        """Component-wise product, for colours."""
        return Vector(self.x * other.x, self.y * other.y, self.z * other.z)

    def length(self) -> float:
        return math.sqrt(self.dot(self))

    def normalized(self) -> "Vector":
        return self * (1.0 / self.length())


class Ray:
    def __init__(self, origin: Vector, direction: Vector) -> None:
        self.origin: Vector = origin
        self.direction: Vector = direction

    def at(self, t: float) -> Vector:
        return self.origin + self.direction * t


class Material:
    def __init__(
        self, color: Vector, diffuse: float, specular: float, shininess: float, mirror: float
    ) -> None:
        self.color: Vector = color
        self.diffuse: float = diffuse
        self.specular: float = specular
        self.shininess: float = shininess
        self.mirror: float = mirror


class Shape:
    def __init__(self, material: Material) -> None:
        self.material: Material = material

    def hit(self, ray: Ray) -> float:
        """Distance along `ray` to the nearest intersection in front of it, or -1."""
        raise NotImplementedError

    def normal_at(self, point: Vector) -> Vector:
        raise NotImplementedError

    def color_at(self, point: Vector) -> Vector:
        return self.material.color


class Sphere(Shape):
    def __init__(self, center: Vector, radius: float, material: Material) -> None:
        super().__init__(material)
        self.center: Vector = center
        self.radius: float = radius

    def hit(self, ray: Ray) -> float:
        oc = ray.origin - self.center
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return -1.0
        root = math.sqrt(disc)
        t = -b - root
        if t > EPSILON:
            return t
        t = -b + root
        if t > EPSILON:
            return t
        return -1.0

    def normal_at(self, point: Vector) -> Vector:
        return (point - self.center) * (1.0 / self.radius)


class Plane(Shape):
    """The points p with p . normal == offset."""

    def __init__(self, normal: Vector, offset: float, material: Material) -> None:
        super().__init__(material)
        self.normal: Vector = normal.normalized()
        self.offset: float = offset

    def hit(self, ray: Ray) -> float:
        facing = self.normal.dot(ray.direction)
        if -1e-9 < facing < 1e-9:
            return -1.0
        t = (self.offset - self.normal.dot(ray.origin)) / facing
        return t if t > EPSILON else -1.0

    def normal_at(self, point: Vector) -> Vector:
        return self.normal


class CheckeredPlane(Plane):
    def __init__(self, normal: Vector, offset: float, material: Material, other: Vector) -> None:
        super().__init__(normal, offset, material)
        self.other: Vector = other

    def color_at(self, point: Vector) -> Vector:
        if (math.floor(point.x) + math.floor(point.z)) % 2 == 0:
            return self.material.color
        return self.other


class Light:
    def __init__(self, position: Vector, color: Vector) -> None:
        self.position: Vector = position
        self.color: Vector = color


class Camera:
    def __init__(self, eye: Vector, target: Vector, fov_degrees: float, aspect: float) -> None:
        self.eye: Vector = eye
        forward = (target - eye).normalized()
        right = forward.cross(Vector(0.0, 1.0, 0.0)).normalized()
        up = right.cross(forward)
        half = math.tan(math.radians(fov_degrees) / 2.0)
        self.forward: Vector = forward
        self.right: Vector = right * (half * aspect)
        self.up: Vector = up * half

    def ray(self, u: float, v: float) -> Ray:
        """The ray through the screen point (u, v), both in [-1, 1]."""
        d = self.forward + self.right * u + self.up * v
        return Ray(self.eye, d.normalized())


class Scene:
    def __init__(self) -> None:
        self.shapes: list[Shape] = []
        self.lights: list[Light] = []
        self.ambient: float = 0.1
        self.rays: int = 0

    def nearest(self, ray: Ray) -> tuple[Optional[Shape], float]:
        best: Optional[Shape] = None
        best_t = FAR
        for shape in self.shapes:
            t = shape.hit(ray)
            if 0.0 < t < best_t:
                best = shape
                best_t = t
        return best, best_t

    def in_shadow(self, point: Vector, towards: Vector, distance: float) -> bool:
        ray = Ray(point, towards)
        for shape in self.shapes:
            t = shape.hit(ray)
            if 0.0 < t < distance:
                return True
        return False

    def sky(self, direction: Vector) -> Vector:
        k = 0.5 * (direction.y + 1.0)
        return Vector(0.9, 0.95, 1.0) * (1.0 - k) + Vector(0.3, 0.5, 0.9) * k

    def trace(self, ray: Ray, depth: int) -> Vector:
        self.rays += 1
        shape, t = self.nearest(ray)
        if shape is None:
            return self.sky(ray.direction)
        point = ray.at(t)
        normal = shape.normal_at(point)
        if normal.dot(ray.direction) > 0.0:
            normal = -normal
        lifted = point + normal * 1e-4
        material = shape.material
        base = shape.color_at(point)
        color = base * self.ambient
        for light in self.lights:
            to_light = light.position - point
            distance = to_light.length()
            to_light = to_light * (1.0 / distance)
            lambert = normal.dot(to_light)
            if lambert <= 0.0 or self.in_shadow(lifted, to_light, distance):
                continue
            color = color + base.tint(light.color) * (material.diffuse * lambert)
            halfway = (to_light - ray.direction).normalized()
            facing = normal.dot(halfway)
            if facing > 0.0:
                color = color + light.color * (material.specular * facing**material.shininess)
        if material.mirror > 0.0 and depth < MAX_DEPTH:
            bounce = ray.direction - normal * (2.0 * ray.direction.dot(normal))
            color = color + self.trace(Ray(lifted, bounce), depth + 1) * material.mirror
        return color


def build_scene() -> Scene:
    scene = Scene()
    shiny = Material(Vector(0.9, 0.2, 0.2), 0.7, 0.6, 40.0, 0.3)
    glass = Material(Vector(0.2, 0.3, 0.9), 0.5, 0.9, 80.0, 0.6)
    matte = Material(Vector(0.2, 0.8, 0.3), 0.9, 0.1, 8.0, 0.0)
    chrome = Material(Vector(0.8, 0.8, 0.8), 0.2, 1.0, 120.0, 0.8)
    floor = Material(Vector(0.95, 0.95, 0.95), 0.8, 0.2, 16.0, 0.2)
    wall = Material(Vector(0.8, 0.7, 0.5), 0.9, 0.0, 1.0, 0.0)
    scene.shapes.append(Sphere(Vector(0.0, 1.0, 0.0), 1.0, shiny))
    scene.shapes.append(Sphere(Vector(-2.2, 0.7, 1.2), 0.7, glass))
    scene.shapes.append(Sphere(Vector(2.0, 0.6, -0.8), 0.6, matte))
    scene.shapes.append(Sphere(Vector(0.9, 2.4, 2.0), 0.8, chrome))
    scene.shapes.append(Sphere(Vector(-0.8, 0.3, -1.8), 0.3, chrome))
    scene.shapes.append(CheckeredPlane(Vector(0.0, 1.0, 0.0), 0.0, floor, Vector(0.15, 0.15, 0.2)))
    scene.shapes.append(Plane(Vector(0.0, 0.0, -1.0), -8.0, wall))
    scene.lights.append(Light(Vector(-4.0, 6.0, -5.0), Vector(0.8, 0.8, 0.75)))
    scene.lights.append(Light(Vector(5.0, 4.0, -2.0), Vector(0.4, 0.4, 0.5)))
    return scene


def channel(c: float) -> int:
    if c <= 0.0:
        return 0
    if c >= 1.0:
        return 255
    return int(c * 255.0 + 0.5)


def render(scene: Scene, camera: Camera, width: int, height: int) -> int:
    checksum = 0
    for j in range(height):
        v = 1.0 - 2.0 * (j + 0.5) / height
        for i in range(width):
            u = 2.0 * (i + 0.5) / width - 1.0
            color = scene.trace(camera.ray(u, v), 0)
            rgb = (channel(color.x) << 16) | (channel(color.y) << 8) | channel(color.z)
            checksum = (checksum * 1000003 + rgb) & 0xFFFFFFFFFFFF
    return checksum


def bench() -> str:
    scene = build_scene()
    camera = Camera(Vector(0.0, 2.0, -7.0), Vector(0.0, 1.0, 0.0), 50.0, WIDTH / HEIGHT)
    checksum = render(scene, camera, WIDTH, HEIGHT)
    return f"{checksum:012x}/{scene.rays}"


if __name__ == "__main__":
    print(bench())
